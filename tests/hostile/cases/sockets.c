/* Hostile case: try to reach the network. TCP to 1.1.1.1:80 and to the Docker host's
 * bridge (172.17.0.1: 80, 2375 and 8080), UDP to 8.8.8.8:53, raw and packet sockets, and
 * a listening socket on 0.0.0.0:8080 (allowed on the sandbox's private loopback, so it counts
 * as networking only if an interface other than "lo" exists). It prints the right answer
 * only if every attempt FAILED, and a wrong one naming what worked otherwise.
 * Expected: AC. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef AF_PACKET
#define AF_PACKET 17
#endif

static int escaped = 0;

static void found(const char *what) {
    fprintf(stderr, "networking works: %s\n", what);
    escaped = 1;
}

static int tcp_connects(const char *ip, int port) {
    struct sockaddr_in a = {0};
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return 0;
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, ip, &a.sin_addr);
    fcntl(s, F_SETFL, O_NONBLOCK);
    int ok = connect(s, (struct sockaddr *)&a, sizeof a) == 0;
    if (!ok && errno == EINPROGRESS) {
        struct pollfd p = {s, POLLOUT, 0};
        int err = 0;
        socklen_t len = sizeof err;
        if (poll(&p, 1, 300) == 1 && getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) == 0)
            ok = err == 0;
    }
    close(s);
    return ok;
}

int main(void) {
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    if (tcp_connects("1.1.1.1", 80))
        found("tcp 1.1.1.1:80");
    static const int ports[] = {80, 2375, 2376, 8080};
    for (unsigned i = 0; i < sizeof ports / sizeof *ports; i++)
        if (tcp_connects("172.17.0.1", ports[i]))
            found("tcp to the docker bridge");

    int u = socket(AF_INET, SOCK_DGRAM, 0);
    if (u >= 0) {
        struct sockaddr_in dns = {0};
        dns.sin_family = AF_INET;
        dns.sin_port = htons(53);
        inet_pton(AF_INET, "8.8.8.8", &dns.sin_addr);
        if (sendto(u, "x", 1, 0, (struct sockaddr *)&dns, sizeof dns) == 1)
            found("udp 8.8.8.8:53");
        close(u);
    }
    int raw = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    if (raw >= 0) {
        found("raw socket");
        close(raw);
    }
    int packet = socket(AF_PACKET, SOCK_RAW, htons(3));
    if (packet >= 0) {
        found("packet socket");
        close(packet);
    }

    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = {0};
    any.sin_family = AF_INET;
    any.sin_port = htons(8080);
    int listening = l >= 0 && bind(l, (struct sockaddr *)&any, sizeof any) == 0 &&
                    listen(l, 16) == 0;
    DIR *nets = opendir("/sys/class/net");
    struct dirent *e;
    while (nets && (e = readdir(nets)) != NULL)
        if (e->d_name[0] != '.' && strcmp(e->d_name, "lo") != 0) {
            fprintf(stderr, "interface %s (listening: %d)\n", e->d_name, listening);
            found("an interface other than lo");
        }
    if (nets)
        closedir(nets);

    printf("%ld\n", escaped ? -1 : 2 * n);
    return 0;
}
