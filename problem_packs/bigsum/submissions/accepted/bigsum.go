package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
)

func main() {
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	scanner.Split(bufio.ScanWords)
	scanner.Scan()
	n, _ := strconv.Atoi(scanner.Text())
	var sum int64
	for i := 0; i < n; i++ {
		scanner.Scan()
		a, _ := strconv.ParseInt(scanner.Text(), 10, 64)
		sum += a
	}
	fmt.Println(sum)
}
