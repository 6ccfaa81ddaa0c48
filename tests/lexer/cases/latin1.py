# -*- coding: latin-1 -*-
x = 'été'  # é
é = 1
