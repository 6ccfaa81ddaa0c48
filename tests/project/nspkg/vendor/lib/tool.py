def scrub(seen):
    seen.clear()
    seen.append(0)
