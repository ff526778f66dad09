#!/usr/bin/python3
"""Write the vendored logistic-regression data sets of data/ from Debian's packages.

Sources (installed by Debian, nothing is downloaded):
  - breast-cancer: python3-sklearn, sklearn/datasets/data/breast_cancer.csv (569 x 30),
    feature names from sklearn.datasets.load_breast_cancer.
  - sonar, ionosphere: r-cran-mlbench, data/Sonar.rda and data/Ionosphere.rda, read with
    Rscript (r-base-core) and written as CSV.

Every output file has a header, the features first and the class last in a column named
`label` holding 0 or 1. Values are copied as the source prints them (no rounding, no
standardisation: the engine standardises). Run again with:

    /usr/bin/python3 scripts/data/make_datasets.py

It rewrites data/breast_cancer.csv, data/sonar.csv and data/ionosphere.csv and prints a
SHA-256 of each, so a rerun can be compared with the committed files.
"""

import csv
import hashlib
import io
import os
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
DATA = os.path.join(ROOT, 'data')
SKLEARN_CSV = '/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv'

# R prints every numeric column with 15 significant digits; factors become their level text.
R_SCRIPT = r'''
suppressMessages(library(mlbench))
name <- commandArgs(trailingOnly = TRUE)[1]
data(list = name, package = "mlbench", envir = environment())
df <- get(name)
for (k in seq_along(df)) if (is.factor(df[[k]])) df[[k]] <- as.character(df[[k]])
write.csv(df, stdout(), row.names = FALSE, quote = FALSE)
'''


def read_mlbench(name):
    """The mlbench data frame `name` as (header, rows of strings)."""
    out = subprocess.run(['Rscript', '-e', R_SCRIPT, name], check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(out)))
    return rows[0], rows[1:]


def write(name, header, rows):
    path = os.path.join(DATA, name)
    with open(path, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)
    digest = hashlib.sha256(open(path, 'rb').read()).hexdigest()
    n1 = sum(1 for r in rows if r[-1] == '1')
    print(f'{path}: {len(rows)} rows x {len(header) - 1} features, {n1} with label 1, sha256 {digest}')


def breast_cancer():
    from sklearn.datasets import load_breast_cancer

    names = [n.replace(' ', '_') for n in load_breast_cancer().feature_names]
    with open(SKLEARN_CSV) as f:
        lines = list(csv.reader(f))
    n, d = int(lines[0][0]), int(lines[0][1])
    rows = lines[1:]
    assert len(rows) == n == 569 and d == 30 and len(names) == d, 'unexpected breast_cancer.csv shape'
    assert all(len(r) == d + 1 and r[-1] in ('0', '1') for r in rows)
    # sklearn's coding is kept: 0 = malignant, 1 = benign.
    write('breast_cancer.csv', names + ['label'], rows)


def sonar():
    header, rows = read_mlbench('Sonar')
    assert header[-1] == 'Class' and len(header) == 61 and len(rows) == 208
    # As the ETD authors code it: 1 = mine (M, metal cylinder), 0 = rock (R).
    label = {'M': '1', 'R': '0'}
    write('sonar.csv', header[:-1] + ['label'], [r[:-1] + [label[r[-1]]] for r in rows])


def ionosphere():
    header, rows = read_mlbench('Ionosphere')
    assert header[-1] == 'Class' and len(header) == 35 and len(rows) == 351
    # V2 is 0 in every row (a constant column carries no information and cannot be
    # standardised); the ETD authors drop it too, leaving 33 features. V1 is a 0/1 factor.
    j = header.index('V2')
    assert all(r[j] == '0' for r in rows), 'V2 is no longer constant'
    keep = [k for k in range(len(header) - 1) if k != j]
    # As the ETD authors code it: 1 = good (structure in the ionosphere), 0 = bad.
    label = {'good': '1', 'bad': '0'}
    write('ionosphere.csv', [header[k] for k in keep] + ['label'], [[r[k] for k in keep] + [label[r[-1]]] for r in rows])


def main():
    os.makedirs(DATA, exist_ok=True)
    breast_cancer()
    sonar()
    ionosphere()
    return 0


if __name__ == '__main__':
    sys.exit(main())
