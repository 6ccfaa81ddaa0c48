try: pass
except* : pass
