print(50)
