from pohon.cli import main

main()
