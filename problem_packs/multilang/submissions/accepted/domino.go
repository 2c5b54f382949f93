package main

import "fmt"

func main() {
	const mod = 1000000007
	var n int
	fmt.Scan(&n)
	a, b := 1, 1
	for i := 2; i <= n; i++ {
		a, b = b, (a+b)%mod
	}
	fmt.Println(b)
}
