x = 1
a = b = c = d
a, *b = c
[a, (b, c)] = d
x.y = z[1] = w
(a) = 1
((a)) = 2
a, = b
x = yield_ = 3
x: int
x: int = 5
(x): int = 5
x.y: list[int] = []
a[b]: int
x += 1
x.y -= 2
x[0] *= 3
x @= y
x //= 2; x **= 3; x %= 4; x &= 5; x |= 6; x ^= 7; x <<= 8; x >>= 9; x /= 1
(a) += 1
x = *a, *b
x = *a
*a, b = c
