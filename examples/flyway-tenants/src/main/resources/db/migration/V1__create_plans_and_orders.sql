CREATE TABLE plans (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE orders (
    id         INTEGER PRIMARY KEY,
    plan       TEXT NOT NULL REFERENCES plans (code),
    created_at TEXT NOT NULL
);
