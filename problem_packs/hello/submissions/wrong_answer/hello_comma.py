# The usual greeting has a comma: "Hello," is not the token "Hello".
print("Hello, World!")
