-- A room's own retention in days, overriding the retencao_dias setting; NULL follows the setting.
ALTER TABLE rooms ADD COLUMN retention_days INTEGER;
