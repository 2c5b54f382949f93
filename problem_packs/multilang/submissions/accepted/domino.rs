use std::io::Read;

fn main() {
    const MOD: u64 = 1_000_000_007;
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let n: usize = input.trim().parse().unwrap();
    let (mut a, mut b) = (1u64, 1u64);
    for _ in 1..n {
        let c = (a + b) % MOD;
        a = b;
        b = c;
    }
    println!("{}", b);
}
