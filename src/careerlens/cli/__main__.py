from careerlens.cli import main

main()
