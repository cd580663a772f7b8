ALTER TABLE orders ADD COLUMN amount_cents INTEGER NOT NULL DEFAULT 0;

CREATE INDEX orders_created_at ON orders (created_at);
