from util import boom

boom()
