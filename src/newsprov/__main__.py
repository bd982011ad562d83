from newsprov.cli import main

main()
