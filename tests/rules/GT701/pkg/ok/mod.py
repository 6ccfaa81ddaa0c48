# A module of a regular sub-package: fine.
VALUE = 2
