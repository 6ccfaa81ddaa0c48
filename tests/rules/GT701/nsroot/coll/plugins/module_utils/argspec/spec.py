# GT701: nothing in this module shows how the tree is imported.
SPEC = {"name": {"type": "str"}}
