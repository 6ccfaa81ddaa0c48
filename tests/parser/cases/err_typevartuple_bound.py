type X[*Ts: int] = int
