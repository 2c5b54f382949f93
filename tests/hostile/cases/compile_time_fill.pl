#!/usr/bin/perl
# Hostile case (compile time): `perl -c` is Perl's "compile" step, and it runs BEGIN
# blocks, so this is submitted code running during compilation. The BEGIN block fills tmpfs
# (4 MiB files: up to 200 MiB in the work folder, 200 MiB in /tmp, and /dev/shm to the brim)
# under the compile step's generous memory limit; the program itself then answers correctly.
# tmpfs pages are the container's memory, so the run starts in a container already using
# more than the problem's memory limit. Expected: CE, MLE or AC; never JE.
BEGIN {
    my $block = "P" x (1 << 20);
    for my $dir (".", "/tmp", "/dev/shm") {
        for my $i (0 .. 49) {
            open(my $f, ">", "$dir/begin-$i.bin") or last;
            my $ok = 1;
            for (1 .. 4) { $ok = print $f $block; last unless $ok; }
            close($f);
            last unless $ok;
        }
    }
}
my $n = <STDIN>;
print 2 * $n, "\n";
