INSERT INTO plans (code, name) VALUES ('free', 'Free');
INSERT INTO plans (code, name) VALUES ('team', 'Team');
INSERT INTO plans (code, name) VALUES ('enterprise', 'Enterprise');
