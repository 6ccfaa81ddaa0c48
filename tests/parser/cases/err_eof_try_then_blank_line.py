try: pass

