def handle():
    return None
