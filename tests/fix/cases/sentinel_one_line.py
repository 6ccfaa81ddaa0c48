def _one(x=[]): return x


def _one_mutated(item, bucket=[]): bucket.append(item); return bucket
