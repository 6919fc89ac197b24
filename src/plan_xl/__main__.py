from plan_xl.cli import main

main()
