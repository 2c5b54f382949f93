public class Untyped {
    public static void main(String[] args) {
        x = 1;
    }
}
