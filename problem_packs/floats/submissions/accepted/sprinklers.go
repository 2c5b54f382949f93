package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
)

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	var t int
	fmt.Fscan(in, &t)
	for ; t > 0; t-- {
		var x1, y1, r1, x2, y2, r2 int64
		fmt.Fscan(in, &x1, &y1, &r1, &x2, &y2, &r2)
		d2 := (x1-x2)*(x1-x2) + (y1-y2)*(y1-y2)
		var area float64
		switch {
		case d2 >= (r1+r2)*(r1+r2):
			area = 0
		case d2 <= (r1-r2)*(r1-r2):
			r := float64(r1)
			if r2 < r1 {
				r = float64(r2)
			}
			area = math.Pi * r * r
		default:
			u, v := r1*r1, r2*r2
			s := math.Sqrt(float64(4*d2*u - (d2+u-v)*(d2+u-v)))
			area = float64(u)*math.Atan2(s, float64(d2+u-v)) + float64(v)*math.Atan2(s, float64(d2+v-u)) - s/2
		}
		fmt.Fprintf(out, "%.9f\n", area)
	}
}
