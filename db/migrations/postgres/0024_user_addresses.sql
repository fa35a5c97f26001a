-- Where each user is reached 用户联系方式: their e-mail address, and their user ids in WeCom 企业微信 and DingTalk
-- 钉钉. An alert's e-mail goes to its recipients' own addresses (the channel's addresses stand in for recipients
-- without one); a WeCom or DingTalk robot message @-mentions the recipients whose ids are known.
ALTER TABLE users ADD COLUMN email varchar(254) NULL;
ALTER TABLE users ADD COLUMN wecom_user_id varchar(64) NULL;
ALTER TABLE users ADD COLUMN dingtalk_user_id varchar(64) NULL;

-- A channel an administrator deleted 已删除渠道: kept (its messages and attempts still name it), never listed or used
-- again; its waiting messages are given up.
ALTER TABLE notification_channels ADD COLUMN deleted_at timestamptz NULL;

-- Whom a message is for (a JSON array of user ids: an alert's recipients of that wave, or the digest's user): the
-- sender addresses e-mail to their own addresses and @-mentions them in WeCom and DingTalk, as their accounts read
-- when it sends.
ALTER TABLE alert_deliveries ADD COLUMN recipients text NULL;
