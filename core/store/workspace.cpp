// implemented by the store work
