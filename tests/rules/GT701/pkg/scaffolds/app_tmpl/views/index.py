def view():
    return None
