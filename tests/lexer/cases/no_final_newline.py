if x:
    y # comment