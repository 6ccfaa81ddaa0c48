def _one(x=None):
    if x is None:
        x = []
    return x


def _one_mutated(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item); return bucket
