"""The reference stack for the service benchmark: a minimal Flask app serving a scikit-learn
random forest on the same 41 NSL-KDD features (one-hot categoricals, numbers as they are).
Run with /usr/bin/python3 (Debian python3-flask, python3-sklearn). Trains on first start and
caches the model next to the given cache path.

    /usr/bin/python3 reference_app.py --cache out/sklearn-rf.pkl            # Flask's built-in server
    gunicorn -w 1 -b 127.0.0.1:5078 'reference_app:create_app("out/sklearn-rf.pkl")'
"""
import argparse, csv, gzip, os, pickle, sys

import numpy as np
from flask import Flask, jsonify, request
from sklearn.ensemble import RandomForestClassifier
from sklearn.preprocessing import OneHotEncoder

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = os.path.join(HERE, "..", "..", "data", "nsl-kdd", "Network_anomaly_data.csv.gz")
CATEGORICAL = ["protocoltype", "service", "flag"]


def load_or_train(cache):
    if os.path.exists(cache):
        with open(cache, "rb") as f:
            return pickle.load(f)
    with gzip.open(TRAIN, "rt") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0][:41], rows[1:]
    numeric = [c for c in header if c not in CATEGORICAL]
    cat_idx = [header.index(c) for c in CATEGORICAL]
    num_idx = [header.index(c) for c in numeric]
    encoder = OneHotEncoder(handle_unknown="ignore").fit([[r[i] for i in cat_idx] for r in rows])
    x = np.hstack([encoder.transform([[r[i] for i in cat_idx] for r in rows]).toarray(),
                   np.array([[float(r[i]) for i in num_idx] for r in rows])])
    y = np.array([r[41] != "normal" for r in rows])
    forest = RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=42).fit(x, y)
    forest.n_jobs = 1  # serve one request on one core, like a typical Flask deployment
    model = (header, numeric, encoder, forest)
    os.makedirs(os.path.dirname(os.path.abspath(cache)), exist_ok=True)
    with open(cache, "wb") as f:
        pickle.dump(model, f)
    return model


def create_app(cache):
    header, numeric, encoder, forest = load_or_train(cache)
    app = Flask(__name__)

    @app.post("/predict")
    def predict():
        body = request.get_json()
        records = body if isinstance(body, list) else [body]
        x = np.hstack([encoder.transform([[r[c] for c in CATEGORICAL] for r in records]).toarray(),
                       np.array([[float(r[c]) for c in numeric] for r in records])])
        p = forest.predict_proba(x)[:, 1]
        out = [{"label": "attack" if v >= 0.5 else "normal", "attackProbability": float(v)} for v in p]
        return jsonify(out if isinstance(body, list) else out[0])

    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", default=os.path.join(HERE, "out", "sklearn-rf.pkl"))
    parser.add_argument("--port", type=int, default=5078)
    parser.add_argument("--train-only", action="store_true")
    args = parser.parse_args()
    application = create_app(args.cache)
    if not args.train_only:
        application.run(host="127.0.0.1", port=args.port, threaded=True)
