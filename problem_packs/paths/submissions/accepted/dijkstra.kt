import java.io.DataInputStream
import java.util.PriorityQueue

// Dijkstra with edges packed in arrays; heap entries pack (distance, vertex) in a Pair.
private val input = DataInputStream(System.`in`.buffered(1 shl 16))

private const val ZERO = 48 // '0'
private const val NINE = 57 // '9'

private fun nextInt(): Int {
    var c = input.read()
    while (c < ZERO || c > NINE) c = input.read()
    var value = 0
    while (c >= ZERO && c <= NINE) {
        value = value * 10 + (c - ZERO)
        c = input.read()
    }
    return value
}

fun main() {
    val n = nextInt()
    val m = nextInt()
    val head = IntArray(n + 1) { -1 }
    val next = IntArray(2 * m)
    val to = IntArray(2 * m)
    val weight = LongArray(2 * m)
    for (i in 0 until m) {
        val u = nextInt()
        val v = nextInt()
        val w = nextInt().toLong()
        to[2 * i] = v; weight[2 * i] = w; next[2 * i] = head[u]; head[u] = 2 * i
        to[2 * i + 1] = u; weight[2 * i + 1] = w; next[2 * i + 1] = head[v]; head[v] = 2 * i + 1
    }
    val dist = LongArray(n + 1) { -1L }
    val heap = PriorityQueue<Pair<Long, Int>>(compareBy { it.first })
    heap.add(Pair(0L, 1))
    while (heap.isNotEmpty()) {
        val (d, u) = heap.poll()
        if (dist[u] != -1L) continue
        dist[u] = d
        var e = head[u]
        while (e != -1) {
            if (dist[to[e]] == -1L) heap.add(Pair(d + weight[e], to[e]))
            e = next[e]
        }
    }
    val out = StringBuilder()
    for (i in 1..n) out.append(dist[i]).append('\n')
    print(out)
}
