-- Registering a venue looks for one already on the register with the same unified social credit code
-- 统一社会信用代码 or licence number 许可证号 (refused), or the same name and address (asked to confirm).
CREATE INDEX ix_venues_credit_code ON venues (unified_social_credit_code);
CREATE INDEX ix_venues_license_number ON venues (license_number);
