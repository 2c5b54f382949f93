use std::io::{self, BufRead, Write};

fn main() {
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    let n: usize = lines.next().unwrap().unwrap().trim().parse().unwrap();
    let mut out = String::new();
    for _ in 0..n {
        let line = lines.next().unwrap().unwrap();
        let mut previous = ' ';
        for c in line.chars() {
            out.push(if previous == ' ' { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() });
            previous = c;
        }
        out.push('\n');
    }
    io::stdout().write_all(out.as_bytes()).unwrap();
}
