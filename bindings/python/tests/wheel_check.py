#!/usr/bin/env python3
"""pyproject.toml builds a wheel with Debian's setuptools (no download, no
pip), and the package installed from it works: python.wheel in CTest.

usage: wheel_check.py SOURCE_DIR WORK_DIR   (COMPLIANCE_LIBRARY set by CTest)
"""
import os
import shutil
import subprocess
import sys
import zipfile

src, work = sys.argv[1], sys.argv[2]
shutil.rmtree(work, ignore_errors=True)
tree, dist, site = (os.path.join(work, d) for d in ("src", "dist", "site"))
shutil.copytree(src, tree, ignore=shutil.ignore_patterns("tests", "__pycache__", "*.egg-info",
                                                         "build"))
os.makedirs(dist)
build = ("import setuptools.build_meta as b, sys; "
         "print(b.build_wheel(sys.argv[1]))")
name = subprocess.run([sys.executable, "-c", build, dist], cwd=tree, check=True,
                      stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1]
wheel = os.path.join(dist, name)
assert name.startswith("compliance-0.2.0-py3-none-any"), name
with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    assert "compliance/__init__.py" in names and "compliance/_native.py" in names, names
    z.extractall(site)
# the installed copy, not the source tree
check = ("import compliance, sys; assert compliance.__file__.startswith(sys.argv[1]); "
         "print(compliance.library_version(), "
         "compliance.Profile('ombudsman-2023').classify('87.995').category)")
out = subprocess.run([sys.executable, "-B", "-c", check, site], cwd=work, check=True,
                     env=dict(os.environ, PYTHONPATH=site), stdout=subprocess.PIPE,
                     text=True).stdout.split()
assert out[1] == "A", out
print("ok: %s installs and scores (libcompliance %s)" % (name, out[0]))
