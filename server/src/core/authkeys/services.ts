// The TCP service names (and aliases) of Debian 12's /etc/services (netbase 6.4), which sshd's
// a2port looks up with getservbyname(name, "tcp") when a permitopen/permitlisten port is not a
// number. The lookup is case-sensitive. Regenerate with:
//   awk '!/^#/ && $2 ~ /\/tcp$/ { for (i = 1; i <= NF; i++) { if (i == 2) continue; if ($i ~ /^#/) break; print $i } }' /etc/services | sort -u

const NAMES = `
acr-nema afpovertcp amanda amandaidx amidxtape amqp amqps asp auth authentication bacula-dir bacula-fd
bacula-sd bbs bgp bgpd binkp canna cfengine chargen cisco-sccp clc-build-daemon cmd cmip-agent cmip-man
codaauth2 codasrv codasrv-se csync2 cvspserver daap datametrics daytime db-lsp dcap dicom dict dircproxy
discard distcc domain domain-s echo epmap epmd exec f5-globalsite f5-iquery fax fido finger font-service
freeciv ftp ftp-data ftps ftps-data gdomap gds-db gds_db git gnunet gnutella-rtr gnutella-svc gopher gpsd
gris groupwise gsidcap gsiftp gsigatekeeper hkp hprop http http-alt https hylafax ident imap imap2 imaps
ingreslock ipp iprop ircd ircs-u iscsi-target isisd isns iso-tsap jabber-client jabber-server kamanda kdc
kerberos kerberos-adm kerberos-iv kerberos-master kerberos-sec kerberos4 kerberos5 kermit klogin kpasswd
krb-prop krb5 krb5_prop krb_prop krcmd kshell ldap ldaps ldp loc-srv login lotusnote lotusnotes lrrd mail
mailq microsoft-ds moira-db moira-update moira_db moira_update mon ms-sql-s ms-wbt-server mtn munin mysql
mysql-proxy nbd netbios-ssn netstat nfs nicname nntp nntps nqs nrpe nsca ntske null nut old-radacct
old-radius omniorb openvpn ospf6d ospfapi ospfd pawserv pop-3 pop3 pop3s poppassd portmapper postgres
postgresql printer proofd puppet qmqp qmtp qotd quote radacct radius radius-acct radmin-port readnews redis
remctl ripd ripngd rmiregistry rmtcfg rootd rpc2portmap rptp rsync rtcm-sc104 rtsp sa-msg-port saft sane
sane-port saned sge-execd sge-qmaster sge_execd sge_qmaster sgi-cad shell sieve silc sink sip sip-tls skkserv
smtp smtps smux snmp snmp-trap snmptrap snntp snpp socks source spamd spooler ssh ssmtp submission
submissions subversion sunrpc supfiledbg supfilesrv suucp svn svrloc syslog syslog-tls sysrqd systat tacacs
tap tcpmux telnet telnets tfido time timserver tinc tproxy tsap ttytst untp urd users uucp uucpd venus
venus-se wais webcache webmin whois wnn6 www x11 x11-0 x11-1 x11-2 x11-3 x11-4 x11-5 x11-6 x11-7 xfs xinetd
xmms2 xmpp-client xmpp-server xtel xtelw z3950 zabbix-agent zabbix-trapper zebra zebrasrv zope zope-ftp zserv`;

/** Every name getservbyname(name, "tcp") resolves on Debian 12 (all have a port above 0). */
export const TCP_SERVICES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
