-- The jurisdiction tree 辖区: province 省 → city 市 → district/county 区（县） → town/street 乡镇（街道）.
-- Codes are six digits (GB/T 2260) or nine for a town (its district's six and three of its own); the
-- parent and level follow from the code, and are stored so the tree can be read without computing them.
-- Rows come from db/seed/jurisdictions; rows elsewhere name codes of this table.
CREATE TABLE jurisdictions (
    code         varchar(12)    NOT NULL PRIMARY KEY,
    name         nvarchar(50)   NOT NULL,
    parent_code  varchar(12)    NULL REFERENCES jurisdictions (code),
    level        varchar(10)    NOT NULL
);
CREATE INDEX ix_jurisdictions_parent ON jurisdictions (parent_code, code);
GO
