if x:
  # comment
