"""`from x import *` through an `__all__` grown by `append`, `extend`, `+=`, or by something unknown."""
