package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"unicode"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	in.Scan()
	n, _ := strconv.Atoi(strings.TrimSpace(in.Text()))
	for i := 0; i < n && in.Scan(); i++ {
		line := []rune(in.Text())
		for j := range line {
			if j == 0 || line[j-1] == ' ' {
				line[j] = unicode.ToUpper(line[j])
			} else {
				line[j] = unicode.ToLower(line[j])
			}
		}
		out.WriteString(string(line))
		out.WriteByte('\n')
	}
}
