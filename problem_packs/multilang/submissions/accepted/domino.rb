MOD = 1_000_000_007
n = gets.to_i
a, b = 1, 1
(n - 1).times { a, b = b, (a + b) % MOD }
puts b
