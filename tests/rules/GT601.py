# GT601 thread-for-cpu-work: threads running pure computation share one GIL and do not run in parallel.
import concurrent.futures
import math
import threading
from concurrent.futures import ThreadPoolExecutor
from threading import Thread as T


def checksum(data):
    total = 0
    for byte in data:
        total = (total * 31 + byte) % 1_000_003
    return total


def primes(limit):
    found = []
    for n in range(2, limit):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
    return found


def distance(a, b):
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b)))


def fetch(url):
    import urllib.request
    with urllib.request.urlopen(url) as response:
        return response.read()


def log_and_sum(values):
    print(values)
    return sum(values)


def waits(event):
    event.wait()
    return 1


def run(chunks, urls, points):
    threads = [threading.Thread(target=checksum, args=(c,)) for c in chunks]  # GT601
    T(target=primes, args=(10_000,)).start()  # GT601
    with ThreadPoolExecutor() as pool:
        pool.submit(checksum, b"abc")  # GT601
        list(pool.map(primes, [10, 20]))  # GT601
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as executor:
        executor.submit(distance, points[0], points[1])  # GT601
        # I/O or blocking work: threads are the right tool.
        executor.map(fetch, urls)
        executor.submit(log_and_sum, [1, 2])
    threading.Thread(target=waits, args=(threading.Event(),)).start()
    # A function from elsewhere: its body is unknown.
    threading.Thread(target=math.factorial, args=(10,)).start()
    # Processes are the right tool for computation.
    with concurrent.futures.ProcessPoolExecutor() as procs:
        procs.submit(checksum, b"abc")
    return threads
