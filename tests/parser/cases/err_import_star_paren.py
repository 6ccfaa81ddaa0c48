from .a import (*)
