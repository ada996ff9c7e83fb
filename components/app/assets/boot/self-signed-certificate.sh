openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=@publicHost@" -addext "subjectAltName=@subjectAltName@" \
  -keyout @tlsDir@/privkey.pem -out @tlsDir@/fullchain.pem
@libexec@/use-certificate self-signed
