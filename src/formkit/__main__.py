from formkit.cli.main import main

main()
