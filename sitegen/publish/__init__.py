"""Publishing: the only writer of the output folder (fences, staging strategies, the atomic swap).

A build hands each file to the publisher; a failed build leaves the previous output untouched.
"""
