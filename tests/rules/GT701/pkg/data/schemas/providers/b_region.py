REGION = "b"
