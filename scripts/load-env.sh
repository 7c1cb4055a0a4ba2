# Sourced by scripts/run.sh: export the settings in the file named by $1 (default .env), each only
# if the environment does not already set it: the environment wins, as the README's table says
# (`HOST=0.0.0.0 make run` serves on 0.0.0.0 whatever .env holds). The file's lines are shell
# assignments, as with `set -a; . ./.env`; blank lines and comments are skipped.
load_env() {
  local file=${1:-.env} line name
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line#"${line%%[![:space:]]*}"}
    case $line in '' | '#'*) continue ;; esac
    line=${line#export }
    name=${line%%=*}
    [[ $line == *=* && $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    if [ -z "${!name+set}" ]; then
      eval "export $line"
    fi
  done <"$file"
}
