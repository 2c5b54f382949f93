fun main() {
    val mod = 1_000_000_007L
    val n = readLine()!!.trim().toInt()
    var a = 1L
    var b = 1L
    repeat(n - 1) {
        val c = (a + b) % mod
        a = b
        b = c
    }
    println(b)
}
