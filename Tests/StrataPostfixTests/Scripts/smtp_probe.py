# SMTP client for PostfixLiveInstanceTests: argv[1] = listener address, argv[2] = port, then
# "SOURCE RECIPIENT" pairs: prints "SOURCE RECIPIENT CODE" per RCPT; with "send SOURCE R1,R2" it sends one message.
import smtplib, sys
host, port = sys.argv[1], int(sys.argv[2])
for item in sys.argv[3:]:
    words = item.split(" ")
    if words[0] == "send":
        s = smtplib.SMTP(timeout=20, source_address=(words[1], 0)); s.connect(host, port); s.ehlo("client.example.test")
        refused = s.sendmail("sender@example.org", words[2].split(","), "Subject: strata\r\n\r\nhello\r\n"); s.quit()
        print("sent", len(refused)); continue
    s = smtplib.SMTP(timeout=20, source_address=(words[0], 0)); s.connect(host, port); s.ehlo("client.example.test")
    s.mail("sender@example.org"); code, _ = s.rcpt(words[1]); s.quit()
    print(words[0], words[1], code)
