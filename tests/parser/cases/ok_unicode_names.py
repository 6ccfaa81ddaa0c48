ﬁ = 1
𝔘𝔫𝔦 = 2
µ = 3
x.ｗ = 4
import ﬁle.ｓub as ｍ
from .ｘ import ｙ
def ｆ(ａ=1, *ｂ, ｃ, **ｄ): pass
class Ｃ: pass
f(ｋ=1)
global ｇ
match x:
    case Ｐ(ｑ=1) | {**ｒ}:
        pass
type Ｔ[Ｕ] = Ｕ
try: pass
except E as ｅ: pass
lambda ｌ: ｌ
(ｗ := 1)
