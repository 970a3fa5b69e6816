from ecr_tui.cli import main

raise SystemExit(main())
